#!/bin/sh
# Each streams replica advertises its own container host name for interactive-query routing (application.server).
set -eu
: "${PACKWATCH_HTTP_ADVERTISED_HOST:=$(hostname)}"
export PACKWATCH_HTTP_ADVERTISED_HOST
exec java $JAVA_OPTS -jar /opt/packwatch/packwatch.jar "$@"
