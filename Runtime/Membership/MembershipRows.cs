using Cluster.Runtime.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Cluster.Runtime.Membership;

/// <summary>Binds membership rows to the parameters of <see cref="MembershipStatements"/> and reads them back.</summary>
internal static class MembershipRows
{
    /// <summary>Reads a row selected as <c>version, address, ..., row_version</c>, with its ETag.</summary>
    public static (MembershipEntry Entry, string ETag) Read(NpgsqlDataReader reader)
    {
        var entry = new MembershipEntry
        {
            SiloAddress = new SiloAddress(reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)),
            SiloName = reader.GetString(4),
            HostName = reader.GetString(5),
            Status = (SiloStatus)reader.GetInt16(6),
            StartTime = reader.GetFieldValue<DateTimeOffset>(7),
            IAmAliveTime = reader.GetFieldValue<DateTimeOffset>(8),
            SuspectTimes = SuspectVotesJson.Read(reader.GetString(9)),
        };
        return (entry, EtagVersion.Format(reader.GetInt32(10)));
    }

    /// <summary>Adds the address as the next three parameters (address, port, generation).</summary>
    public static void AddAddress(NpgsqlCommand command, SiloAddress address)
    {
        command.Parameters.Add(Text(address.Host));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = address.Port });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = address.Generation });
    }

    /// <summary>Adds $2 to $10: the row's address and fields, after $1, the cluster.</summary>
    public static void AddFields(NpgsqlCommand command, MembershipEntry entry)
    {
        AddAddress(command, entry.SiloAddress);
        command.Parameters.Add(Text(entry.SiloName));
        command.Parameters.Add(Text(entry.HostName));
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)entry.Status });
        command.Parameters.Add(Time(entry.StartTime));
        command.Parameters.Add(Time(entry.IAmAliveTime));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = SuspectVotesJson.Write(entry.SuspectTimes) });
    }

    /// <summary>A text parameter.</summary>
    public static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    /// <summary>A timestamptz parameter. Npgsql writes only UTC values to timestamptz; the instant is what counts, so the offset is dropped.</summary>
    public static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };
}
