# syntax=docker/dockerfile:1
# One recipe for the image of every EventShop service (and of auth-server and edge):
#   docker build --build-arg SERVICE=order-service --build-arg PORT=8081 -t eventshop/order-service .
# docker-compose.yml builds all five this way. The first stage builds every service's jar
# from source (it is the same for all five, so Docker builds it once and reuses it); the
# last one holds only a JRE and one service, unpacked in Spring Boot's layers so that a code
# change rebuilds only the thin application layer. The code compiles for Java 21; the
# images build and run on Java 25, the JDK the tests run on.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true package \
        -pl order-service,inventory-service,email-service,shipping-service,analytics-service,auth-server,edge -am

FROM eclipse-temurin:25-jre AS layers
ARG SERVICE
WORKDIR /layers
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*-exec.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
ARG SERVICE
# The port the service listens on by default (server.port in its application.yml); the
# health check asks it.
ARG PORT=8080
LABEL org.opencontainers.image.title="eventshop-${SERVICE}" \
      org.opencontainers.image.description="EventShop ${SERVICE}" \
      org.opencontainers.image.licenses="Apache-2.0"
RUN groupadd --system eventshop && useradd --system --gid eventshop --no-create-home eventshop
WORKDIR /application
# Least to most often changed: libraries, the loader, snapshot libraries, the application.
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
COPY --chmod=755 docker/healthcheck.sh /usr/local/bin/healthcheck
USER eventshop
ENV HEALTHCHECK_PORT=${PORT}
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["healthcheck"]
# The heap follows the container's memory limit; settings come from environment variables.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "application.jar"]
