using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// Durable reminders, bound from the <c>Reminders</c> configuration section (environment variables
/// <c>Reminders__MinimumPeriod</c> and so on). Time spans use the <c>d.hh:mm:ss</c> format.
/// </summary>
public sealed class ReminderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Reminders";

    /// <summary>
    /// The storage provider that keeps the reminders; it must list stored states (PostgreSQL or SQLite). Default
    /// <c>Default</c>. Every silo of a cluster must name the same one.
    /// </summary>
    public string StorageName { get; set; } = GrainStorageNames.Default;

    /// <summary>The shortest period a reminder may be registered with. Default 1 min (as Orleans); from 1 s to 1 d.</summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often each silo reads which reminder partitions hold reminders and makes sure each is served, and how
    /// often a partition rereads its reminders from storage. After a silo fails, its reminders tick again within
    /// about this long. Default 1 min; from 1 s to 1 h.
    /// </summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most reminders one grain may have. Default 100; from 1 to 10,000.</summary>
    public int MaxRemindersPerGrain { get; set; } = 100;
}

/// <summary>Checks <see cref="ReminderOptions"/> at start and says which setting to change.</summary>
internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.StorageName))
        {
            failures.Add($"{ReminderOptions.SectionName}:{nameof(ReminderOptions.StorageName)} is empty; name a storage provider that lists states (PostgreSQL or SQLite), or leave it unset for '{GrainStorageNames.Default}'.");
        }

        OptionRange.Check(failures, options.MinimumPeriod, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), $"{ReminderOptions.SectionName}:{nameof(ReminderOptions.MinimumPeriod)}");
        OptionRange.Check(failures, options.RefreshPeriod, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), $"{ReminderOptions.SectionName}:{nameof(ReminderOptions.RefreshPeriod)}");
        OptionRange.Check(failures, options.MaxRemindersPerGrain, 1, 10_000, $"{ReminderOptions.SectionName}:{nameof(ReminderOptions.MaxRemindersPerGrain)}");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
