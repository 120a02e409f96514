# syntax=docker/dockerfile:1
# One image for every Packwatch role (collect, streams, sim); the role is the command.
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests install && cp distribution/target/packwatch.jar /packwatch.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system packwatch && useradd --system --gid packwatch --home-dir /opt/packwatch packwatch \
    && mkdir -p /opt/packwatch /var/lib/packwatch && chown packwatch:packwatch /var/lib/packwatch
COPY --from=build /packwatch.jar /opt/packwatch/packwatch.jar
COPY deploy/entrypoint.sh /opt/packwatch/entrypoint.sh
USER packwatch
WORKDIR /var/lib/packwatch
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["/opt/packwatch/entrypoint.sh"]
CMD ["--help"]
