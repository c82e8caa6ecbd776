using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Reminders;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Grains;

public sealed class RemindedGrain : Grain, IRemindedGrain, IRemindable
{
    private bool _failTicks;

    private string Silo => ServiceProvider.GetService<SiloGateway>()?.SiloAddress?.ToString() ?? "local";

    public Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task UnregisterAsync(string name)
    {
        var reminder = await this.GetReminder(name);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync() => [.. (await this.GetReminders()).Select(reminder => reminder.ReminderName)];

    public async Task<bool> HasAsync(string name) => await this.GetReminder(name) is not null;

    public Task FailTicksAsync(bool fail)
    {
        _failTicks = fail;
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Probe.Record(this.GetPrimaryKeyString(), $"tick|{reminderName}|{status.CurrentTickTime.Ticks}|{status.Period.Ticks}|{Silo}");
        return _failTicks ? Task.FromException(new InvalidOperationException("asked to fail")) : Task.CompletedTask;
    }
}
