def log = new File(basedir, 'build.log').text
// One error (the stack trace that invoker's -e adds repeats it, not prefixed with [ERROR]).
def message = log.readLines().findAll { it.startsWith('[ERROR]') && it.contains('asset:build needs Java 21 or newer') }
assert message.size() == 1: message
assert message[0].contains("but Maven is running on Java 17.")
assert message[0].contains("(${jdk17Home})") || message[0].contains("(${new File(jdk17Home).canonicalPath})")
assert log.contains('JAVA_HOME')
// Not the JVM's own error, nor Maven's dump of the plugin's class realm.
assert !log.contains('UnsupportedClassVersionError')
assert !log.contains('class file version')
assert !log.contains('realm =')
assert !log.contains('ClassRealm')
// The help goal (invocation 2) loads and runs on the same JDK.
assert log.contains('asset:build')
assert log.readLines().count { it.startsWith('[INFO] BUILD SUCCESS') } == 1
return true
