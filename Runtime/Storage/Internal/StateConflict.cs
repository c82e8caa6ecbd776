using Cluster.Runtime.Core;

namespace Cluster.Runtime.Storage.Internal;

/// <summary>Builds the <see cref="InconsistentStateException"/> every provider throws, with the same wording.</summary>
internal static class StateConflict
{
    /// <summary>The operation that was rejected, as the message's first word.</summary>
    public const string Write = "Write";

    /// <summary>The operation that was rejected, as the message's first word.</summary>
    public const string Clear = "Clear";

    /// <summary>Creates the exception for a rejected <paramref name="operation"/>.</summary>
    /// <param name="operation"><see cref="Write"/> or <see cref="Clear"/>.</param>
    /// <param name="stateName">The state's name.</param>
    /// <param name="grainId">The grain.</param>
    /// <param name="storageName">The provider's registered name.</param>
    /// <param name="storedVersion">The version found in storage, or <c>null</c> when no row exists.</param>
    /// <param name="heldEtag">The ETag the caller held.</param>
    public static InconsistentStateException Create(
        string operation, string stateName, GrainId grainId, string storageName, int? storedVersion, string? heldEtag)
    {
        var stored = storedVersion is { } version ? $"stored version {version}" : "no record is stored";
        string held;
        if (heldEtag is null)
        {
            held = "this activation held none (it expected no record)";
        }
        else if (EtagVersion.TryParse(heldEtag, out _))
        {
            held = $"this activation held {heldEtag}";
        }
        else
        {
            held = $"this activation held ETag '{heldEtag}', which is not a version this storage issues (positive integers)";
        }

        var message = $"{operation} of state '{stateName}' of grain {grainId} in storage '{storageName}' was rejected: "
            + $"{stored}, {held}. Another activation or writer changed it; the activation is deactivated and the next call reloads the state.";
        return new InconsistentStateException(message, EtagVersion.Format(storedVersion), heldEtag);
    }
}
