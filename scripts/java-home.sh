# Sourced by the project's scripts: makes JAVA_HOME point at a JDK >= 21.
# Keeps an existing JAVA_HOME when it is new enough; otherwise picks the newest JDK in
# /usr/lib/jvm (Debian's JVM folder, where the Temurin and OpenJDK packages install).

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  best="" best_major=0
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "EventShop needs a JDK 21 or newer; none found in JAVA_HOME or /usr/lib/jvm." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin JDK) and set JAVA_HOME." >&2
    return 1 2>/dev/null || exit 1
  fi
  export JAVA_HOME=$best
fi
export PATH="$JAVA_HOME/bin:$PATH"
