using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Cluster.ApiHost.Tests.Dashboard;

/// <summary>
/// The dashboard page in headless Chromium (Debian's chromium, <c>CLUSTER_TEST_CHROMIUM</c>, set by scripts/test.sh),
/// served by an API host on a real port over the two silos of the identity cluster, signed in with the operator token.
/// </summary>
[Collection(IdentityClusterCollection.Name)]
public sealed partial class DashboardBrowserTests(IdentityClusterFixture cluster) : IAsyncLifetime
{
    private const float Patience = 30_000;

    private readonly string _token = $"operator-{Guid.NewGuid():N}";
    private WebApplicationFactory<Program> _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _dashboard = string.Empty;

    /// <summary>Where the Overview's screenshot is saved: under the test output.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CLUSTER_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}: the dashboard's browser tests need it. Run them with 'bash scripts/test.sh', which installs Debian's chromium, or set CLUSTER_TEST_CHROMIUM to a Chromium executable.");
        }

        _host = cluster.CreateApiHost(new Dictionary<string, string?> { ["Dashboard:OperatorToken"] = _token });
        _host.UseKestrel(0);
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _dashboard = $"{address.TrimEnd('/')}/dashboard/";
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        Assertions.SetDefaultExpectTimeout(Patience);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Pages_SignedInAsOperator_EachRendersLiveFiguresOfBothSilos()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_dashboard);

        // Nothing but the sign-in until the token is given; a wrong one is refused with the reason.
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav")).ToBeHiddenAsync();
        await page.FillAsync("#token", "not-the-operator-token");
        await page.ClickAsync("#sign-in-form button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("Dashboard:OperatorToken");
        await page.FillAsync("#token", _token);
        await page.ClickAsync("#sign-in-form button[type=submit]");

        await Assertions.Expect(page.Locator("#tile-silos")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#tile-activations")).ToHaveTextAsync(PositiveNumber());
        await Assertions.Expect(page.Locator("#methods tbody tr", new PageLocatorOptions { HasText = "GetMembersAsync" }).First).ToBeVisibleAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "dashboard-overview.png"), FullPage = true });

        await page.ClickAsync("#nav a[data-page=silos]");
        var silos = page.Locator("#silo-table tbody tr");
        await Assertions.Expect(silos).ToHaveCountAsync(2);
        foreach (var silo in cluster.Cluster.Silos)
        {
            await Assertions.Expect(silos.Filter(new LocatorFilterOptions { HasText = TestCluster.AddressOf(silo).ToString() })).ToContainTextAsync("Active");
        }

        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(2);

        await page.ClickAsync("#nav a[data-page=grains]");
        await Assertions.Expect(page.Locator("#grain-types tbody tr", new PageLocatorOptions { HasText = "silo-report" })).ToBeVisibleAsync();

        // Storage figures start with collection, which the open page started: a write now shows up.
        using var api = cluster.Client();
        using (await api.SendAsync(HttpMethod.Post, $"/api/demo/counters/browser-{Guid.NewGuid():N}/increment", JsonContent.Create(new { amount = 1 })))
        {
        }

        var scheduled = $"browser-{Guid.NewGuid():N}";
        using (await api.SendAsync(HttpMethod.Put, $"/api/demo/counters/{scheduled}/schedule", JsonContent.Create(new { amount = 1, everySeconds = 60 }), await cluster.NewAdminAsync(api)))
        {
        }

        await page.ClickAsync("#nav a[data-page=reminders]");
        await Assertions.Expect(page.Locator("#reminder-table tbody tr", new PageLocatorOptions { HasText = $"counter/{scheduled}" })).ToContainTextAsync("scheduled-increment");
        await Assertions.Expect(page.Locator("#reminder-status")).ToContainTextAsync("partitions");

        await page.ClickAsync("#nav a[data-page=storage]");
        await Assertions.Expect(page.Locator("#storage-table tbody tr", new PageLocatorOptions { HasText = "write" }).First).ToBeVisibleAsync();

        await page.ClickAsync("#nav a[data-page=logs]");
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(cluster.Cluster.Silos.All(silo => silo.Services.GetRequiredService<RecentLogs>().IsWatched)),
            TimeSpan.FromSeconds(15),
            "the log page to read both silos");
        var marker = $"browser-{Guid.NewGuid():N}";
        cluster.Cluster.Silos[0].Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cluster.Tests.Browser").LogWarning("{Marker} token=abc", marker);
        await Assertions.Expect(page.Locator("#log-table tbody")).ToContainTextAsync($"{marker} token=[redacted]");
    }

    [Fact]
    public async Task LookUp_CounterCalledThroughTheApi_ShowsItsSiloAndItsState()
    {
        using var api = cluster.Client();
        var key = $"browser-{Guid.NewGuid():N}";
        using (await api.SendAsync(HttpMethod.Post, $"/api/demo/counters/{key}/increment", JsonContent.Create(new { amount = 3 })))
        {
        }

        var host = cluster.Cluster.Silos.Single(silo => silo.Services.GetRequiredService<SiloStatistics>().IsActive(new GrainId("counter", key)));
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_dashboard + "#grains");
        await page.FillAsync("#token", _token);
        await page.ClickAsync("#sign-in-form button[type=submit]");

        await page.FillAsync("#lookup-type", "counter");
        await page.FillAsync("#lookup-key", key);
        await page.ClickAsync("#lookup-form button[type=submit]");
        await Assertions.Expect(page.Locator("#lookup-result")).ToContainTextAsync($"is active on {TestCluster.AddressOf(host)}");
        await page.ClickAsync("#show-state");

        await Assertions.Expect(page.Locator("#grain-state pre")).ToContainTextAsync("\"value\": 3");
    }

    [GeneratedRegex(@"^[1-9][0-9]*$")]
    private static partial Regex PositiveNumber();
}
