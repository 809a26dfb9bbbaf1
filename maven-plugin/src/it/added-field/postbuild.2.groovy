def log = new File(basedir, 'build.log').text
def second = log.substring(log.indexOf('BUILD SUCCESS'))
assert second.contains('crossgrade:check cannot run: com.acme.Crat is a cached type of neither build; their CachedTypesProviders name com.acme.Cart')
assert !second.contains('\tat dev.crossgrade')
return true
