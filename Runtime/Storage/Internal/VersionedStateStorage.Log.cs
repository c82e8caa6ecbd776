using Cluster.Runtime.Core;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Storage.Internal;

internal sealed partial class VersionedStateStorage
{
    // Conflicts are expected when an activation is replaced, and the caller is told by the exception, so Debug.
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "{Operation} of state '{StateName}' of grain {GrainId} in storage '{StorageName}' conflicted: stored version {StoredVersion}, held {HeldEtag}")]
    private static partial void LogConflict(
        ILogger logger, string operation, string stateName, GrainId grainId, string storageName, string? storedVersion, string? heldEtag);
}
