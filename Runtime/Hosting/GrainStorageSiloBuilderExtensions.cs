using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Memory;
using Cluster.Runtime.Storage.Postgres;
using Cluster.Runtime.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>
/// Registers grain storage providers. Each provider is a keyed singleton <see cref="IGrainStorage"/> under its name
/// (the name grains give in <see cref="PersistentStateAttribute"/>), with named options validated at start.
/// </summary>
public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>Adds the in-memory provider, for unit tests of grain logic; state is lost when the process exits.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider's name; <see cref="GrainStorageNames.Default"/> when omitted.</param>
    /// <param name="configure">Sets the provider's options; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">A provider is already registered under <paramref name="name"/>.</exception>
    public static ISiloBuilder AddMemoryGrainStorage(
        this ISiloBuilder builder, string name = GrainStorageNames.Default, Action<MemoryGrainStorageOptions>? configure = null) =>
        AddProvider<MemoryGrainStorageOptions>(
            builder,
            name,
            options => options.Configure(configure ?? (_ => { })),
            (services, options) => new MemoryGrainStorage(name, options, services.GetService<ILogger<MemoryGrainStorage>>()));

    /// <summary>Adds the SQLite file provider, the embedded default.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider's name, such as <see cref="GrainStorageNames.Default"/>.</param>
    /// <param name="configure">Sets the provider's options; the defaults use <c>./data/cluster.db</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">A provider is already registered under <paramref name="name"/>.</exception>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions>? configure = null) =>
        AddSqlite(builder, name, options => options.Configure(configure ?? (_ => { })));

    /// <summary>Adds the PostgreSQL provider, for clusters.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider's name, such as <see cref="GrainStorageNames.Default"/>.</param>
    /// <param name="configure">Sets the provider's options; <see cref="PostgresGrainStorageOptions.ConnectionString"/> is required.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">A provider is already registered under <paramref name="name"/>.</exception>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddPostgres(builder, name, options => options.Configure(configure));
    }

    /// <summary>
    /// Adds the provider chosen by <c>Storage:Provider</c> (<c>Sqlite</c>, the default; <c>Postgres</c>; or
    /// <c>Memory</c>), with its options bound from <c>Storage:Sqlite</c>, <c>Storage:Postgres</c> or <c>Storage:Memory</c>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider's name; <see cref="GrainStorageNames.Default"/> when omitted.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>Storage:Provider</c> names no provider, or a provider is already registered under <paramref name="name"/>.
    /// </exception>
    public static ISiloBuilder AddGrainStorageFromConfiguration(this ISiloBuilder builder, string name = GrainStorageNames.Default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var provider = configuration[GrainStorageConfiguration.ProviderKey];
        if (string.IsNullOrWhiteSpace(provider))
        {
            provider = GrainStorageConfiguration.DefaultProvider;
        }

        if (IsProvider(provider, GrainStorageConfiguration.SqliteProvider))
        {
            return AddSqlite(builder, name, options => options.Bind(configuration.GetSection(SqliteGrainStorageOptions.SectionName)));
        }

        if (IsProvider(provider, GrainStorageConfiguration.PostgresProvider))
        {
            return AddPostgres(builder, name, options => options.Bind(configuration.GetSection(PostgresGrainStorageOptions.SectionName)));
        }

        if (IsProvider(provider, GrainStorageConfiguration.MemoryProvider))
        {
            return AddProvider<MemoryGrainStorageOptions>(
                builder,
                name,
                options => options.Bind(configuration.GetSection(MemoryGrainStorageOptions.SectionName)),
                (services, options) => new MemoryGrainStorage(name, options, services.GetService<ILogger<MemoryGrainStorage>>()));
        }

        throw new InvalidOperationException(
            $"{GrainStorageConfiguration.ProviderKey} is '{provider}', which is not a grain storage provider; set it to "
            + $"'{GrainStorageConfiguration.SqliteProvider}' (an embedded file, the default), "
            + $"'{GrainStorageConfiguration.PostgresProvider}' (a cluster; also set {PostgresGrainStorageOptions.SectionName}:ConnectionString) or "
            + $"'{GrainStorageConfiguration.MemoryProvider}' (tests only; state is lost when the process exits).");
    }

    private static ISiloBuilder AddSqlite(ISiloBuilder builder, string name, Action<OptionsBuilder<SqliteGrainStorageOptions>> configureOptions)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteGrainStorageOptions>, SqliteGrainStorageOptionsValidator>());
        return AddProvider(
            builder,
            name,
            configureOptions,
            (services, options) => new SqliteGrainStorage(name, options, services.GetService<ILogger<SqliteGrainStorage>>()));
    }

    private static ISiloBuilder AddPostgres(ISiloBuilder builder, string name, Action<OptionsBuilder<PostgresGrainStorageOptions>> configureOptions)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresGrainStorageOptions>, PostgresGrainStorageOptionsValidator>());
        return AddProvider(
            builder,
            name,
            configureOptions,
            (services, options) => new PostgresGrainStorage(name, options, services.GetService<ILogger<PostgresGrainStorage>>()));
    }

    private static ISiloBuilder AddProvider<TOptions>(
        ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<TOptions>> configureOptions,
        Func<IServiceProvider, TOptions, IGrainStorage> create)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var services = builder.Services;
        if (IsRegistered(services, name))
        {
            throw new InvalidOperationException(
                $"A grain storage provider named '{name}' is already registered; each name has one provider. "
                + "Remove one of the registrations or give one of them another name (and use that name in [PersistentState]).");
        }

        var options = services.AddOptions<TOptions>(name);
        configureOptions(options);
        options.ValidateOnStart();
        services.AddKeyedSingleton<IGrainStorage>(
            name, (provider, _) => create(provider, provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        services.AddSingleton(new GrainStorageRegistration(name));
        return builder;
    }

    private static bool IsRegistered(IServiceCollection services, string name) =>
        services.Any(descriptor =>
            (descriptor.ServiceType == typeof(GrainStorageRegistration)
                && !descriptor.IsKeyedService
                && descriptor.ImplementationInstance is GrainStorageRegistration registration
                && string.Equals(registration.Name, name, StringComparison.Ordinal))
            || (descriptor.ServiceType == typeof(IGrainStorage)
                && descriptor.IsKeyedService
                && Equals(descriptor.ServiceKey, name)));

    private static bool IsProvider(string configured, string provider) =>
        string.Equals(configured.Trim(), provider, StringComparison.OrdinalIgnoreCase);
}
