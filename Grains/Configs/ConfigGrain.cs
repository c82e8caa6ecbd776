using Cluster.Grains.Interfaces.Configs;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Observers;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Configs;

[GrainType("config")]
public sealed partial class ConfigGrain(
    [PersistentState(ConfigGrain.StateName)] IPersistentState<ConfigState> config,
    IOptions<ConfigOptions> options,
    TimeProvider timeProvider,
    ILogger<ConfigGrain> logger) : Grain, IConfigGrain
{
    public const string StateName = "config";

    /// <summary>The author of bootstrapped versions and the actor of rollbacks.</summary>
    public const string SystemActor = "system";

    private readonly ObserverManager<IConfigObserver> _observers = new(TimeSpan.FromSeconds(IConfigGrain.SubscriptionSeconds), logger, timeProvider);
    private readonly ConfigRevisions _revisions = new();

    private string Name => this.GetPrimaryKeyString();

    private ConfigState State => config.State;

    public async Task<ConfigDocumentInfo?> GetAsync(string? version, CancellationToken cancellationToken = default)
    {
        var info = Find(version ?? State.Active);
        if (info is null)
        {
            return null;
        }

        var document = await _revisions.ReadAsync(GrainFactory, Name, info.Version, cancellationToken);
        var (resolved, unresolved) = ConfigDocument.Resolve(document, State.Variables);
        return new ConfigDocumentInfo(Name, info, info.Version == State.Active, document, resolved, unresolved);
    }

    public Task<ConfigStatusInfo> GetStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConfigStatusInfo(
            Name,
            [.. Enumerable.Reverse(State.Versions)],
            State.Active,
            State.LastKnownGood,
            State.RecoveryMode,
            State.RecoveryReason,
            State.LastReport,
            State.SchemaJson is not null));

    public async Task<ConfigChangeResult> SaveAsync(ConfigSaveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Message is { Length: > ConfigLimits.MaxMessageLength })
        {
            return ConfigChangeResult.Failed(ConfigChangeOutcome.Invalid, $"'message' has at most {ConfigLimits.MaxMessageLength} characters.");
        }

        var (document, error) = ConfigDocument.Read(request.DocumentJson);
        if (document is null)
        {
            return ConfigChangeResult.Failed(ConfigChangeOutcome.Invalid, error!);
        }

        string version;
        if (request.Version is null)
        {
            version = ConfigVersions.Next(State);
        }
        else if (!SemanticVersion.TryParse(request.Version, out var parsed))
        {
            return ConfigChangeResult.Failed(ConfigChangeOutcome.Invalid, $"'version' is '{request.Version}'; give MAJOR.MINOR.PATCH, such as 1.2.3, or leave it out to bump the patch.");
        }
        else if (Find(version = parsed.ToString()) is not null)
        {
            return ConfigChangeResult.Failed(ConfigChangeOutcome.Conflict, $"Version {version} of '{Name}' exists; give another version, or leave it out to bump the patch.");
        }

        var json = document.ToJsonString();
        return await SchemaProblemOfAsync(json)
            ?? await AddVersionAsync(json, version, request.Activate, request.Message, request.Author, cancellationToken);
    }

    public async Task<ConfigChangeResult> ActivateAsync(string version, string actor, CancellationToken cancellationToken = default)
    {
        if (Find(version) is null)
        {
            return NoSuchVersion(version);
        }

        var previous = State.Active;
        var before = await ReadOrEmptyAsync(previous, cancellationToken);
        await config.ChangeAsync(
            state =>
            {
                state.Active = version;
                state.RolledBack = false;
            },
            state => state.Copy(),
            cancellationToken);

        // Written is done: what follows must not be abandoned half way because the caller went away.
        await PushAsync(version, isRollback: false, $"activated by {actor}", CancellationToken.None);
        return new ConfigChangeResult(ConfigChangeOutcome.Done, null, [], version, previous, await DiffFromAsync(before, previous, version));
    }

    public async Task<ConfigChangeResult> DeleteVersionAsync(string version, CancellationToken cancellationToken = default)
    {
        if (Find(version) is not { } info)
        {
            return NoSuchVersion(version);
        }

        if (version == State.Active)
        {
            return ConfigChangeResult.Failed(ConfigChangeOutcome.Conflict, $"Version {version} is active; activate another version before deleting it.");
        }

        if (version == State.LastKnownGood)
        {
            return ConfigChangeResult.Failed(
                ConfigChangeOutcome.Conflict,
                $"Version {version} is the last known good version, which a failed activation rolls back to; delete it once another version has been reported good.");
        }

        await config.ChangeAsync(state => state.Versions.Remove(info), state => state.Copy(), cancellationToken);
        await _revisions.ClearAsync(GrainFactory, Name, [version], logger);
        return new ConfigChangeResult(ConfigChangeOutcome.Done, null, [], version, null, string.Empty);
    }

    public async Task<ConfigChangeResult> RestoreAsync(string version, bool activate, string author, CancellationToken cancellationToken = default)
    {
        if (Find(version) is null)
        {
            return NoSuchVersion(version);
        }

        // The schema may have changed since the version was saved; a restore is a save and meets today's schema.
        var document = await _revisions.ReadAsync(GrainFactory, Name, version, cancellationToken);
        return await SchemaProblemOfAsync(document)
            ?? await AddVersionAsync(document, ConfigVersions.Next(State), activate, $"Restored from {version}", author, cancellationToken);
    }

    public Task<ConfigChangeResult> DiffAsync(string documentJson, string? baseVersion, CancellationToken cancellationToken = default) =>
        new ConfigComparison(this).DiffAsync(documentJson, baseVersion, cancellationToken);

    public Task<ConfigChangeResult> DiffVersionsAsync(string? from, string? to, CancellationToken cancellationToken = default) =>
        new ConfigComparison(this).DiffVersionsAsync(from, to, cancellationToken);

    public Task<ConfigChangeResult> ReportActivationAsync(ConfigActivationReport report, CancellationToken cancellationToken = default) =>
        new ConfigRecovery(this).ReportAsync(report, cancellationToken);

    public Task<ConfigSettingsInfo> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConfigSettingsInfo(State.SchemaJson, new Dictionary<string, string>(State.Variables, StringComparer.Ordinal)));

    public Task<ConfigChangeResult> SetSettingsAsync(ConfigSettingsInfo settings, CancellationToken cancellationToken = default) =>
        new ConfigSettings(this).SetAsync(settings, cancellationToken);

    public Task<bool> BootstrapAsync(string documentJson, ConfigSettingsInfo settings, CancellationToken cancellationToken = default) =>
        new ConfigSettings(this).BootstrapAsync(documentJson, settings, cancellationToken);

    public Task SubscribeAsync(IConfigObserver observer, CancellationToken cancellationToken = default)
    {
        _observers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IConfigObserver observer, CancellationToken cancellationToken = default)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    internal IPersistentState<ConfigState> Persisted => config;

    internal ConfigSchema Schema { get; } = new();

    internal IGrainFactory Factory => GrainFactory;

    internal string NameOf() => Name;

    internal TimeProvider Clock => timeProvider;

    internal Task<string> ReadAsync(string version, CancellationToken cancellationToken) =>
        _revisions.ReadAsync(GrainFactory, Name, version, cancellationToken);

    internal ConfigVersionInfo? Find(string? version) => version is null ? null : State.Versions.Find(info => info.Version == version);

    // The consumers learn of an activation at once; the channel carries it to the browsers and tools subscribed to it.
    internal async Task PushAsync(string version, bool isRollback, string reason, CancellationToken cancellationToken)
    {
        var document = await _revisions.ReadAsync(GrainFactory, Name, version, cancellationToken);
        var (resolved, _) = ConfigDocument.Resolve(document, State.Variables);
        var activation = new ConfigActivation(Name, version, resolved, isRollback, State.RecoveryMode, reason);
        _observers.Notify(observer => observer.OnActivated(activation));
        LogActivated(logger, Name, version, isRollback);
        await ConfigChannel.PublishAsync(GrainFactory, activation, logger, cancellationToken);
    }

    internal async Task<ConfigChangeResult> AddVersionAsync(
        string json, string version, bool activate, string? message, string author, CancellationToken cancellationToken)
    {
        // The document is written first: a version listed in the metadata always has one.
        await _revisions.WriteAsync(GrainFactory, Name, version, json, cancellationToken);
        var previous = State.Active;

        // Read before the change: pruning may remove the previously active version.
        var before = await ReadOrEmptyAsync(previous, cancellationToken);
        var info = new ConfigVersionInfo(version, previous, author, message, timeProvider.GetUtcNow());
        List<string> pruned = [];
        await config.ChangeAsync(
            state =>
            {
                state.Versions.Add(info);
                if (activate)
                {
                    state.Active = version;
                    state.RolledBack = false;
                }

                pruned = ConfigVersions.Prune(state, options.Value.Retention);
            },
            state => state.Copy(),
            cancellationToken);
        await _revisions.ClearAsync(GrainFactory, Name, pruned, logger);
        if (activate)
        {
            await PushAsync(version, isRollback: false, $"activated by {author}", CancellationToken.None);
        }

        return new ConfigChangeResult(ConfigChangeOutcome.Done, null, [], version, previous, await DiffFromAsync(before, previous, version));
    }

    internal async Task<ConfigChangeResult?> SchemaProblemOfAsync(string json) =>
        State.SchemaJson is { } schema && await Schema.ValidateAsync(schema, json) is { Count: > 0 } errors
            ? new ConfigChangeResult(
                ConfigChangeOutcome.Invalid, $"The document does not match the schema of '{Name}': {errors[0]}.", errors, null, null, string.Empty)
            : null;

    private async Task<string> ReadOrEmptyAsync(string? version, CancellationToken cancellationToken) =>
        version is null ? "{}" : await _revisions.ReadAsync(GrainFactory, Name, version, cancellationToken);

    private async Task<string> DiffFromAsync(string before, string? from, string to) =>
        ConfigComparison.Create(Name, before, from, await _revisions.ReadAsync(GrainFactory, Name, to, CancellationToken.None), to);

    internal ConfigChangeResult NoSuchVersion(string version) =>
        ConfigChangeResult.Failed(ConfigChangeOutcome.NotFound, $"'{Name}' has no version {version}; GET /api/config/{Name}/versions lists them.");

    internal ConfigChangeResult NoActiveVersion() =>
        ConfigChangeResult.Failed(ConfigChangeOutcome.NotFound, $"'{Name}' has no active version; name the versions to compare.");

    internal void LogAuditFailed(Exception exception) => LogAuditFailed(logger, exception, Name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the rollback of configuration {Name} in the audit trail failed")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration {Name} activated version {Version} (rollback: {IsRollback})")]
    private static partial void LogActivated(ILogger logger, string name, string version, bool isRollback);
}
