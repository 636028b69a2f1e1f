internal import CPLplot
