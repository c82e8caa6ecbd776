using System.Text.RegularExpressions;
using Cluster.Grains.Interfaces.Demo;

namespace Cluster.ApiHost.Demo;

/// <summary>Input rules of the demo routes, with messages that say what to send instead.</summary>
internal static partial class CounterValidation
{
    private const int MaxScheduleSeconds = 86_400;

    public static Dictionary<string, string[]>? ValidateName(string name) =>
        NamePattern().IsMatch(name)
            ? null
            : new() { ["name"] = [$"A counter name is 1 to {CounterLimits.MaxNameLength} characters of letters, digits, '-', '_' or '.'."] };

    public static Dictionary<string, string[]>? ValidateIncrement(IncrementCounterRequest request) =>
        request.Amount is >= 1 and <= CounterLimits.MaxIncrement
            ? null
            : new() { ["amount"] = [$"amount must be between 1 and {CounterLimits.MaxIncrement}; it was {request.Amount}."] };

    public static Dictionary<string, string[]>? ValidateSchedule(ScheduleCounterRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Amount is < 1 or > CounterLimits.MaxIncrement)
        {
            errors["amount"] = [$"amount must be between 1 and {CounterLimits.MaxIncrement}; it was {request.Amount}."];
        }

        if (request.EverySeconds is < 1 or > MaxScheduleSeconds)
        {
            errors["everySeconds"] = [$"everySeconds must be between 1 and {MaxScheduleSeconds} (and at least the cluster's shortest reminder period, 60 by default); it was {request.EverySeconds}."];
        }

        return errors.Count == 0 ? null : errors;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
