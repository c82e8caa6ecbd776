using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Reminders;

/// <summary>Registers durable reminders in every silo; they use the storage named by <see cref="ReminderOptions.StorageName"/>.</summary>
internal static class ReminderServiceExtensions
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>();
        services.AddSingleton<ReminderStore>();
        services.AddSingleton<ReminderRegistry>();
        services.AddSingleton<ReminderKeeper>();
        services.AddSingleton(sp => new ReminderDirectory(sp.GetRequiredService<ReminderStore>(), sp.GetRequiredService<IGrainFactory>()));
        services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<ReminderKeeper>());
        return services;
    }
}
