namespace Cluster.Runtime.Tests.Storage;

/// <summary>Strings that break naive quoting, encoding or size assumptions, by case name (readable test names).</summary>
public static class HostileStrings
{
    public const string Unicode = "unicode";
    public const string Quotes = "quotes";
    public const string Markup = "markup";
    public const string ControlCharacters = "control";
    public const string Blank = "blank";
    public const string Slashes = "slashes";
    public const string Empty = "empty";
    public const string Large = "large";

    private static readonly Dictionary<string, string> Values = new()
    {
        [Unicode] = "Zoë 🚀 日本語 עברית العربية ﷽ e\u0301 \u200B\u200D \uFEFF 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        [Quotes] = "quotes ' \" ` \\ '' \"\" \\\" $1 @p :name ?; '); DROP TABLE grain_state; --",
        [Markup] = "{\"json\": [1, 2], \"nested\": {\"a\": null}} <script>alert(1)</script> &amp; %s %n {0}",

        // Every C0 control character except NUL (which PostgreSQL text cannot hold), plus DEL and line separators.
        [ControlCharacters] = new string(Enumerable.Range(1, 31).Select(code => (char)code).ToArray()) + "\u007F\u0085\u2028\u2029",
        [Blank] = " \t ",
        [Slashes] = "a/b\\c//",
        [Empty] = string.Empty,
        [Large] = string.Concat(Enumerable.Repeat("0123456789 abcdé 🚀 \"'\\\n", (100 * 1024 / 24) + 1)),
    };

    /// <summary>The string of a case.</summary>
    public static string Get(string caseName) => Values[caseName];
}
