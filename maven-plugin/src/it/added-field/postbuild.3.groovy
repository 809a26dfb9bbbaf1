def log = new File(basedir, 'build.log').text
def third = log.substring(log.lastIndexOf('BUILD SUCCESS'))
assert third.contains('crossgrade:check cannot run: com.acme.Crat is a cached type of neither build; their CachedTypesProviders name com.acme.Cart')
assert !(third =~ /(?m)^\s+at \S+ \(/) // no stack trace
return true
