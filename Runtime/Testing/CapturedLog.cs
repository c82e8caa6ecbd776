using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Testing;

/// <summary>One line kept by <see cref="LogCapture"/>.</summary>
/// <param name="Category">The logger's category (usually the type that logged).</param>
/// <param name="Level">The line's level.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Scope">The named values of every scope the line was logged in, the innermost winning.</param>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Scope);
