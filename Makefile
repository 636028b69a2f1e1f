# Chorus: the two set-up commands (README) and a few conveniences.
# Each target first installs the Debian packages it needs (idempotent).
SWIFT ?= swift

.PHONY: run test deps build release bench clean gallery docs

deps:
	@bash scripts/install-deps.sh

## The main job: the paper preset, its claims table and figures.
run: deps
	$(SWIFT) build -c release --product chorus
	.build/release/chorus reproduce --force

## The tests (what CI runs): the module-graph check, the Swift tests, the documentation (DocC
## warnings are errors, every public declaration documented; about a minute once the build is
## done, so it runs here rather than only on demand), then the notebook executed headless on a
## small run, then sweeps across processes (kill -9 and resume, GNU parallel, a real one-node
## Slurm job array; about 30 s).
test: deps
	bash scripts/check-architecture.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(DOCS)
	bash scripts/test-notebook.sh
	bash scripts/test-sweep-scaling.sh

## The gallery of figures/README.md: the paper preset's figures, at paper size.
gallery: deps
	$(SWIFT) build -c release --product chorus
	.build/release/chorus reproduce --quiet --force --out notebooks-data/gallery-paper --figures figures/gallery --dpi 150 > /dev/null

## The documentation of the library modules (and ChorusCLI) with swift-docc-plugin: one archive
## per module in .build/plugins/Swift-DocC/outputs/; fails on a DocC warning or on a public
## declaration without a doc comment (docs/design.md §6).
DOC_TARGETS = ChorusStats ChorusRecords ChorusAnalysis ChorusSimulation ChorusIngest ChorusValidation ChorusFigures ChorusCLI
define DOCS
$(SWIFT) package generate-documentation $(addprefix --target ,$(DOC_TARGETS)) --warnings-as-errors
bash scripts/check-doc-comments.sh $(DOC_TARGETS)
endef

docs: deps
	$(DOCS)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

bench: deps
	bash Benchmarks/run.sh

clean:
	rm -rf .build
