def log = new File(basedir, 'build.log').text
def second = log.substring(log.lastIndexOf('Scanning for projects'))
assert second.contains('crossgrade:check cannot run: the CachedTypesProvider com.acme.CacheTypes of ')
assert second.contains('Caused by: java.lang.IllegalStateException: no writer: call writer(codec) on the builder of com.acme.Cart')
assert second.contains('at com.acme.CacheTypes.carts (CacheTypes.java:')
assert second =~ /(?m)^\s+at \S+ \(/ // what the other scripts' no-stack-trace check looks for
return true
