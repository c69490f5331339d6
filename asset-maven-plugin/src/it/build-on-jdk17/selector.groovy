// Runs where a JDK 17 is installed (CI installs one); elsewhere it is skipped, unless CI=true.
def java = new File(jdk17Home, 'bin/java')
if (!java.canExecute() && System.getenv('CI') != 'true') {
    println "build-on-jdk17 skipped: no JDK 17 at ${jdk17Home} (set -Dit.jdk17.home)"
    return false
}
return true
