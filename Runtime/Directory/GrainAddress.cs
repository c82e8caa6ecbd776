using Cluster.Runtime.Core;
using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Directory;

/// <summary>
/// Where one activation of a grain lives: the grain, the silo start hosting it and the activation's own id, which
/// tells two activations of one grain on one silo apart (the old one deactivated, a new one created). Immutable; two
/// addresses are equal when all four fields are.
/// </summary>
public sealed record GrainAddress
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Creates an address.</summary>
    /// <param name="grainId">The grain; not the default identity.</param>
    /// <param name="siloAddress">The silo start hosting the activation.</param>
    /// <param name="activationId">The activation's id; not <see cref="Guid.Empty"/>.</param>
    /// <param name="registeredAt">
    /// When the activation registered. Kept in UTC to the microsecond, the precision PostgreSQL stores, so an address
    /// read back from the directory equals the one written.
    /// </param>
    /// <exception cref="ArgumentException">The grain id is the default or the activation id is empty.</exception>
    public GrainAddress(GrainId grainId, SiloAddress siloAddress, Guid activationId, DateTimeOffset registeredAt)
    {
        ArgumentNullException.ThrowIfNull(siloAddress);
        if (grainId.IsDefault)
        {
            throw new ArgumentException("The grain id is the default identity; pass the id of the grain being registered.", nameof(grainId));
        }

        if (activationId == Guid.Empty)
        {
            throw new ArgumentException("The activation id is empty; give each activation a new id, such as Guid.CreateVersion7().", nameof(activationId));
        }

        GrainId = grainId;
        SiloAddress = siloAddress;
        ActivationId = activationId;
        var utc = registeredAt.ToUniversalTime();
        RegisteredAt = new DateTimeOffset(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>The grain.</summary>
    public GrainId GrainId { get; }

    /// <summary>The silo start hosting the activation.</summary>
    public SiloAddress SiloAddress { get; }

    /// <summary>The activation's id, unique across the cluster and its history.</summary>
    public Guid ActivationId { get; }

    /// <summary>When the activation registered, in UTC to the microsecond.</summary>
    public DateTimeOffset RegisteredAt { get; }

    /// <summary>The address of a new activation of <paramref name="grainId"/> on <paramref name="siloAddress"/>, registering now.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="siloAddress">The silo that will host it.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    public static GrainAddress Create(GrainId grainId, SiloAddress siloAddress, TimeProvider? timeProvider = null) =>
        new(grainId, siloAddress, Guid.CreateVersion7(), (timeProvider ?? TimeProvider.System).GetUtcNow());

    /// <summary>Whether this and <paramref name="other"/> name the same activation, whenever each was read.</summary>
    /// <param name="other">The other address, possibly <c>null</c>.</param>
    public bool IsSameActivation(GrainAddress? other) =>
        other is not null && ActivationId == other.ActivationId && GrainId == other.GrainId && SiloAddress == other.SiloAddress;

    /// <summary>The address as <c>type/key@host:port@generation#activation</c>, for logs.</summary>
    public override string ToString() => $"{GrainId}@{SiloAddress}#{ActivationId:N}";
}
