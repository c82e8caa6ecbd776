using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Sockets;

/// <summary>A package's answer: its <c>status_code</c>, <c>meta</c> and <c>data</c> (as JSON).</summary>
public sealed record PackageReply(int StatusCode, PackageMeta? Meta, byte[] DataJson)
{
    /// <summary>Work the connection starts once the answer is queued, so what it pushes follows the answer.</summary>
    public Func<Task>? Then { get; init; }

    /// <summary>How package data is written: the protocol's snake_case names, nulls kept.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Status 0 with <paramref name="data"/>.</summary>
    public static PackageReply Ok<T>(T data, PackageMeta? meta = null) => new(PackageStatus.Ok, meta, JsonSerializer.SerializeToUtf8Bytes(data, SerializerOptions));

    /// <summary>Status 1, <c>{"msg": ...}</c>.</summary>
    public static PackageReply Error(string message) => Of(PackageStatus.Error, new ErrorData(message));

    /// <summary>Status 2, <c>{"code", "msg", "details"}</c>.</summary>
    public static PackageReply Invalid(string code, string message, object? details = null) => Of(PackageStatus.InvalidData, new InvalidData(code, message, details));

    /// <summary>Status 3, <c>{"msg": "No permission for pkg_id N"}</c>.</summary>
    public static PackageReply Denied(int packageId) => Of(PackageStatus.PermissionDenied, new ErrorData($"No permission for pkg_id {packageId}"));

    private static PackageReply Of<T>(int status, T data) => new(status, null, JsonSerializer.SerializeToUtf8Bytes(data, SerializerOptions));

    private sealed record ErrorData(string Msg);

    private sealed record InvalidData(string Code, string Msg, object? Details);
}
