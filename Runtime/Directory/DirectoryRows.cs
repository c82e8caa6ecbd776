using Cluster.Runtime.Core;
using Cluster.Runtime.Membership;
using Npgsql;

namespace Cluster.Runtime.Directory;

/// <summary>Binds directory entries to the parameters of <see cref="DirectoryStatements"/> and reads them back.</summary>
internal static class DirectoryRows
{
    /// <summary>Reads an entry selected as <see cref="DirectoryStatements.Columns"/>.</summary>
    public static GrainAddress Read(NpgsqlDataReader reader) => new(
        new GrainId(reader.GetString(0), reader.GetString(1)),
        new SiloAddress(reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4)),
        reader.GetGuid(5),
        reader.GetFieldValue<DateTimeOffset>(6));

    /// <summary>Adds $4 to $8: the entry's silo (address, port, generation), activation id and registration time.</summary>
    public static void AddEntry(NpgsqlCommand command, GrainAddress address)
    {
        command.Parameters.Add(Text(address.SiloAddress.Host));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = address.SiloAddress.Port });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = address.SiloAddress.Generation });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = address.ActivationId });

        // GrainAddress keeps the time in UTC, the only offset Npgsql writes to timestamptz.
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = address.RegisteredAt });
    }

    /// <summary>A text parameter.</summary>
    public static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };
}
