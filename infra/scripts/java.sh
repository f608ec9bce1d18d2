# Sourced by ./run-tests, ./run-local and .ci/run: finds a JDK >= 21 on this machine (the functions target
# Lambda's java21; the formatter checked in `verify` needs Maven itself on 21+).
#   find_java       prints the path of a java >= 21: $JAVA_HOME's, the one on PATH, then /usr/lib/jvm/* (Linux)
#                   and /Library/Java/JavaVirtualMachines/* (macOS); fails when there is none
#   use_java_21     exports JAVA_HOME (and puts its bin first on PATH) to that JDK, so ./mvnw runs on it

java_major() { # prints the major version of the java given, e.g. 25 (from the JDK's release file when it has one)
  local release
  release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$release"
  else
    "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
  fi
}

find_java() {
  local candidate
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

NO_JAVA_21_HELP="no JDK 21 or newer found (tried \$JAVA_HOME, java on PATH, /usr/lib/jvm/*).
  Install one (e.g. apt-get install -y openjdk-21-jdk, or any Temurin 21+) or set JAVA_HOME to it."

use_java_21() {
  local java
  java="$(find_java)" || return 1
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"
  PATH="$JAVA_HOME/bin:$PATH"
  export JAVA_HOME PATH
}
