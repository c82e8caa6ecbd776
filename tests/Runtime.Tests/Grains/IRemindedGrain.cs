using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>A grain of the reminder tests: registers reminders and records each tick it receives (see <see cref="Infrastructure.Probe"/>).</summary>
public interface IRemindedGrain : IGrainWithStringKey
{
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task UnregisterAsync(string name);

    Task<IReadOnlyList<string>> ListAsync();

    Task<bool> HasAsync(string name);

    Task FailTicksAsync(bool fail);
}
