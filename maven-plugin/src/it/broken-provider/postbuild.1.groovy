def log = new File(basedir, 'build.log').text
assert log.contains('crossgrade:check cannot run: the CachedTypesProvider com.acme.CacheTypes of ')
assert log.contains('failed: java.lang.IllegalStateException: no writer: call writer(codec) on the builder of com.acme.Cart')
assert !(log =~ /(?m)^\s+at \S+ \(/) // no stack trace
return true
