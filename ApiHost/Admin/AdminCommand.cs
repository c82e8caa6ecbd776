using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Admin;

/// <summary>
/// <c>dotnet run --project ApiHost -- admin grant|revoke &lt;email&gt;</c>: makes an existing account an administrator
/// (or a user again); <c>admin members</c> lists the cluster's silos (<see cref="ClusterMembersCommand"/>). The first administrator comes from here, never from a default password. It joins the cluster
/// with the host's configuration (in client mode, a running cluster; in embedded mode, stop the server first, as the
/// command opens the same database) and serves no HTTP.
/// </summary>
public static class AdminCommand
{
    private const string Usage = "Usage: admin grant <email> | admin revoke <email> | admin members";

    /// <summary>Whether the arguments ask for this command rather than the server.</summary>
    public static bool IsRequested(string[] args) => args is ["admin", ..];

    /// <summary>For the command, listens on an ephemeral loopback port only, so it never takes the server's.</summary>
    public static WebApplicationBuilder AddAdminCommand(this WebApplicationBuilder builder, string[] args)
    {
        if (IsRequested(args))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        return builder;
    }

    /// <summary>Runs the command and sets the process exit code: 0 done, 1 no such account, 2 bad arguments.</summary>
    public static async Task RunAdminCommandAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (args is ["admin", "members"])
        {
            await ClusterMembersCommand.RunAsync(app.Configuration, Console.Out);
            return;
        }

        if (args is not ["admin", ("grant" or "revoke") and var verb, var email])
        {
            await Console.Error.WriteLineAsync(Usage);
            Environment.ExitCode = 2;
            return;
        }

        await app.StartAsync();
        try
        {
            var cluster = app.Services.GetRequiredService<IClusterClient>();
            var owner = await cluster.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(email)).GetOwnerAsync();
            if (owner is null || await cluster.GetGrain<IUserGrain>(owner).GetAsync() is null)
            {
                await Console.Error.WriteLineAsync($"No account is registered with '{email}'; register it first, then run the command again.");
                Environment.ExitCode = 1;
                return;
            }

            var user = await cluster.GetGrain<IUserGrain>(owner).SetRoleAsync(verb == "grant" ? UserRole.Admin : UserRole.User);
            await Console.Out.WriteLineAsync($"{user.Email} ({user.Id}) is now {(user.Role == UserRole.Admin ? "an administrator" : "a user")}.");
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
