namespace Cluster.ApiHost.Tests.Configuration;

public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void Reference_InDocs_MatchesTheOptionsClasses()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "configuration.md");
        var generated = ConfigurationReference.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_CONFIGURATION_REFERENCE") == "1")
        {
            File.WriteAllText(path, generated);
        }

        var documented = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;

        Assert.True(
            documented == generated,
            "docs/configuration.md differs from the options classes; run UPDATE_CONFIGURATION_REFERENCE=1 dotnet test tests/ApiHost.Tests --filter ConfigurationReferenceTests and commit the file.");
    }

    [Fact]
    public void OptionsClasses_EveryProperty_IsDocumented()
    {
        var undocumented = ConfigurationReference.Generate().Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal) && line.EndsWith("|  |", StringComparison.Ordinal)).ToList();

        Assert.True(ConfigurationReference.OptionsTypes().Count >= 30);
        Assert.Empty(undocumented);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cluster.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository: no Cluster.sln above " + AppContext.BaseDirectory);
    }
}
