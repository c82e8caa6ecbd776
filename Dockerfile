# Images of the silo and the API host: `docker build --target silo .` / `--target apihost`, or docker-compose.yml.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Silo/Silo.csproj -c Release -o /out/silo \
 && dotnet publish ApiHost/ApiHost.csproj -c Release -o /out/apihost

# Both images: the non-root user of the .NET images, logs as JSON lines with their scopes (correlation id, trace id,
# silo, grain type), and a health check of /health/ready over bash's /dev/tcp (the images have no curl).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime-base
ENV Logging__Console__FormatterName=json \
    Logging__Console__FormatterOptions__IncludeScopes=true \
    Logging__Console__FormatterOptions__UseUtcTimestamp=true
WORKDIR /app
# ./data (SQLite, the widget cache) is the one place the processes write.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID

FROM runtime-base AS silo
COPY --from=build /out/silo .
ENV Gateway__ListenAddress=0.0.0.0 Gateway__Port=30000 Urls=http://0.0.0.0:8081
EXPOSE 30000 8081
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=12 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Cluster.Silo.dll"]

FROM runtime-base AS apihost
COPY --from=build /out/apihost .
ENV Cluster__Mode=Client Urls=http://0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=12 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Cluster.ApiHost.dll"]
