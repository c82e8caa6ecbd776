# Images of the silo and the API host: `docker build --target silo .` / `--target apihost`, or docker-compose.yml.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Silo/Silo.csproj -c Release -o /out/silo \
 && dotnet publish ApiHost/ApiHost.csproj -c Release -o /out/apihost

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS silo
WORKDIR /app
COPY --from=build /out/silo .
ENV Gateway__ListenAddress=0.0.0.0 Gateway__Port=30000 Urls=http://0.0.0.0:8081
EXPOSE 30000 8081
ENTRYPOINT ["dotnet", "Cluster.Silo.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS apihost
WORKDIR /app
COPY --from=build /out/apihost .
ENV Cluster__Mode=Client Urls=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Cluster.ApiHost.dll"]
