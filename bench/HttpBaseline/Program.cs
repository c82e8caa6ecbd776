using System.Text.Encodings.Web;
using System.Text.Unicode;

// The baseline of the HTTP benchmark (docs/benchmarks.md): bare Kestrel answering GET /api/users/me with the JSON the
// API host answers, serialised the same way, with no authentication, middleware or grain call.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
var app = builder.Build();
var user = new BaselineUser("01a202de-d9e2-7156-bd76-6ebe3322367c", "bench@example.com", "regular", "user", true, DateTimeOffset.UnixEpoch);
app.MapGet("/api/users/me", () => TypedResults.Ok(user));
app.Run();

/// <summary>The shape of the API host's UserResponse.</summary>
internal sealed record BaselineUser(string Id, string Email, string Type, string Role, bool IsActive, DateTimeOffset CreatedAt);
