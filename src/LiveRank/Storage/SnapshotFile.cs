using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using LiveRank.State;

namespace LiveRank.Storage;

/// <summary>
/// A point-in-time image of <see cref="LiveState"/>, so that recovery replays only the log after it.
/// <c>snapshots/00000007.lrsnap</c> holds the state after every record of log segments 1–6.
/// Format version 2: magic "LRSN", version i32, then sections (clock, counters, the LM model id and dimension of the
/// profile vectors, event type names, category names, items, users with their profile vectors, seen event ids) and a
/// trailing CRC-32 of everything before it. Version 1 (no model id, no profiles) is still read: its users simply
/// start without profiles. Profiles of another model than the running one are skipped for the same reason. Written to a temporary file,
/// fsynced and renamed, so a crash never leaves a half snapshot under the real name.
/// </summary>
internal static class SnapshotFile
{
    private const uint Magic = 0x4E53524C; // "LRSN"
    private const ushort FormatVersion = 2;
    private const string Extension = ".lrsnap";

    public static string PathFor(string directory, int segment) =>
        Path.Combine(directory, segment.ToString("D8", CultureInfo.InvariantCulture) + Extension);

    /// <summary>Snapshot numbers present, newest last.</summary>
    public static IReadOnlyList<int> List(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var numbers = new List<int>();
        foreach (string file in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out int n)) numbers.Add(n);
        }
        numbers.Sort();
        return numbers;
    }

    /// <param name="flushToDisk">False when the file is only a staging copy (the Redis store uploads it at once): no fsync.</param>
    public static void Write(string path, LiveState state, long eventsLogged, bool flushToDisk = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var crc = new Crc32();
            var w = new BinaryRecordWriter(1 << 20);
            void Drain()
            {
                crc.Append(w.Written);
                file.Write(w.Written);
                w.Reset();
            }

            w.WriteUInt32(Magic);
            w.WriteInt32(FormatVersion);
            w.WriteUInt32(state.Clock);
            w.WriteInt64(eventsLogged);
            w.WriteString(state.Semantic?.ModelId ?? "");
            w.WriteVarInt(state.Semantic?.Dimension ?? 0);

            var types = state.Types;
            w.WriteVarInt(types.Count);
            for (byte t = 0; t < types.Count; t++) w.WriteString(types.NameOf(t));

            w.WriteVarInt(state.CategoryIds.Count);
            for (int g = 0; g < state.CategoryIds.Count; g++) w.WriteString(state.CategoryIds.NameOf(g));

            int itemCount = state.ItemIds.Count;
            var items = state.Items;
            w.WriteVarInt(itemCount);
            for (int i = 0; i < itemCount; i++)
            {
                ref readonly ItemSlot slot = ref items[i];
                w.WriteString(state.ItemIds.NameOf(i));
                w.WriteBool(slot.Item is not null);
                if (slot.Item is not null) LogRecordCodec.WriteItem(w, slot.Item);
                w.WriteSingle(slot.Trend);
                w.WriteUInt32(slot.TrendTime);
                w.WriteSingle(slot.AllTime);
                for (byte t = 0; t < types.Count; t++) w.WriteVarInt(state.ItemTypeCount(i, t));
                int followers = slot.Followers?.Read(out var targets, out var weights) ?? 0;
                w.WriteVarInt(followers);
                if (followers > 0)
                {
                    slot.Followers!.Read(out targets, out weights);
                    for (int k = 0; k < followers; k++)
                    {
                        w.WriteVarInt(targets[k]);
                        w.WriteSingle(weights[k]);
                    }
                }
                if (w.Length > 1 << 20) Drain();
            }

            w.WriteVarInt(state.Users.Count);
            var ring = new RecentEvent[state.Options.RecentEventsPerUser];
            foreach (var (userId, user) in state.Users)
            {
                lock (user)
                {
                    w.WriteString(userId);
                    w.WriteUInt64(user.SessionKey);
                    w.WriteUInt32(user.LastTime);
                    w.WriteUInt32(user.BaseMinute);
                    w.WriteVarInt(user.SessionCount);
                    for (int t = 0; t < types.Count; t++) w.WriteVarInt(user.TypeCounts[t]);
                    if (ring.Length < user.Count) ring = new RecentEvent[user.Count];
                    int n = user.CopyTo(ring);
                    w.WriteVarInt(n);
                    w.WriteBytes(MemoryMarshal.AsBytes(ring.AsSpan(0, n)));
                    WriteProfile(w, user.Profile);
                }
                if (w.Length > 1 << 20) Drain();
            }

            w.WriteVarInt(state.Seen.Count);
            foreach (ulong hash in state.Seen.All)
            {
                w.WriteUInt64(hash);
                if (w.Length > 1 << 20) Drain();
            }
            Drain();
            Span<byte> trailer = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
            file.Write(trailer);
            file.Flush(flushToDisk);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Loads a snapshot into an empty <paramref name="state"/>; returns the events-logged counter it recorded.</summary>
    public static long Read(string path, LiveState state)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 14) throw new InvalidDataException($"Snapshot {path} is truncated.");
        var body = bytes.AsSpan(0, bytes.Length - 4);
        if (Crc32.HashToUInt32(body) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)))
            throw new InvalidDataException($"Snapshot {path} fails its checksum.");

        var r = new BinaryRecordReader(body);
        if (r.ReadUInt32() != Magic) throw new InvalidDataException($"{path} is not a LiveRank snapshot.");
        int version = r.ReadInt32();
        if (version is < 1 or > FormatVersion)
            throw new InvalidDataException($"Snapshot {path} has format version {version}; this build reads versions 1 to {FormatVersion}.");
        state.RestoreClock(r.ReadUInt32());
        long eventsLogged = r.ReadInt64();
        string profileModel = version >= 2 ? r.ReadString() : "";
        int profileDimension = version >= 2 ? r.ReadVarInt() : 0;
        bool keepProfiles = state.Semantic is { } semantic && semantic.ModelId == profileModel && semantic.Dimension == profileDimension;

        // Event types are stored by name: map them onto this process's registry.
        var types = state.Types;
        int storedTypes = r.ReadVarInt();
        var typeMap = new byte[storedTypes];
        for (int t = 0; t < storedTypes; t++)
        {
            string name = r.ReadString();
            if (!types.TryGetId(name, out typeMap[t]))
                throw new InvalidDataException($"Snapshot {path} holds events of type '{name}', which is not configured.");
        }

        int categories = r.ReadVarInt();
        for (int g = 0; g < categories; g++) state.CategoryIds.GetOrAdd(r.ReadString());

        int itemCount = r.ReadVarInt();
        Span<int> counts = stackalloc int[types.Count];
        for (int i = 0; i < itemCount; i++)
        {
            string id = r.ReadString();
            int index = state.EnsureItem(id);
            if (r.ReadBool()) state.UpsertItem(LogRecordCodec.ReadItem(ref r));
            ref ItemSlot slot = ref state.Items[index];
            slot.Trend = r.ReadSingle();
            slot.TrendTime = r.ReadUInt32();
            slot.AllTime = r.ReadSingle();
            counts.Clear();
            for (int t = 0; t < storedTypes; t++) counts[typeMap[t]] = r.ReadVarInt();
            state.RestoreItemTypeCounts(index, counts);
            int followers = r.ReadVarInt();
            if (followers > 0)
            {
                var targets = new int[followers];
                var weights = new float[followers];
                for (int k = 0; k < followers; k++)
                {
                    targets[k] = r.ReadVarInt();
                    weights[k] = r.ReadSingle();
                }
                slot.Followers = new CoVisitationList();
                slot.Followers.Load(targets, weights);
            }
        }

        int userCount = r.ReadVarInt();
        int capacity = state.Options.RecentEventsPerUser;
        for (int u = 0; u < userCount; u++)
        {
            string userId = r.ReadString();
            var user = new UserState(types.Count)
            {
                SessionKey = r.ReadUInt64(),
                LastTime = r.ReadUInt32(),
                BaseMinute = r.ReadUInt32(),
                SessionCount = r.ReadVarInt(),
            };
            var userCounts = new int[types.Count];
            for (int t = 0; t < storedTypes; t++) userCounts[typeMap[t]] = r.ReadVarInt();
            int n = r.ReadVarInt();
            var events = MemoryMarshal.Cast<byte, RecentEvent>(r.ReadBytes(n * Marshal.SizeOf<RecentEvent>())).ToArray();
            for (int k = 0; k < events.Length; k++)
            {
                if (typeMap[events[k].Type] != events[k].Type) events[k] = events[k].WithType(typeMap[events[k].Type]);
            }
            user.Restore(userCounts, events, capacity);
            if (version >= 2)
            {
                var profile = ReadProfile(ref r, profileDimension);
                if (keepProfiles) user.Profile = profile;
            }
            // Profiles of another model (or none at all): rebuilt from the ring once the items have vectors.
            if (!keepProfiles && state.Semantic is { } rebuild) rebuild.ProfilesDue.TryAdd(userId, 0);
            state.RestoreUser(userId, user);
        }

        int seen = r.ReadVarInt();
        for (int i = 0; i < seen; i++) state.Seen.Add(r.ReadUInt64());
        return eventsLogged;
    }

    // Profile block: flags byte (1 session, 2 long-term, 4 narrative), then each present part.
    private static void WriteProfile(BinaryRecordWriter w, Semantics.UserProfile? profile)
    {
        if (profile is null)
        {
            w.WriteByte(0);
            return;
        }
        byte flags = (byte)((profile.HasSession ? 1 : 0) | (profile.HasLongTerm ? 2 : 0) | (profile.Narrative is null ? 0 : 4));
        w.WriteByte((byte)(flags | 8)); // 8: a profile object exists, even if empty
        if (profile.HasSession)
        {
            w.WriteUInt32(profile.SessionTime);
            w.WriteBytes(MemoryMarshal.AsBytes(profile.Session.AsSpan()));
        }
        if (profile.HasLongTerm)
        {
            w.WriteUInt32(profile.LongTermTime);
            w.WriteBytes(MemoryMarshal.AsBytes(profile.LongTerm.AsSpan()));
        }
        if (profile.Narrative is { } narrative)
        {
            w.WriteUInt64(profile.NarrativeHash);
            w.WriteBytes(MemoryMarshal.AsBytes(narrative.AsSpan()));
        }
    }

    private static Semantics.UserProfile? ReadProfile(ref BinaryRecordReader r, int dimension)
    {
        byte flags = r.ReadByte();
        if (flags == 0) return null;
        var profile = new Semantics.UserProfile(dimension);
        if ((flags & 1) != 0)
        {
            profile.SessionTime = r.ReadUInt32();
            MemoryMarshal.Cast<byte, float>(r.ReadBytes(dimension * sizeof(float))).CopyTo(profile.Session);
            profile.HasSession = true;
        }
        if ((flags & 2) != 0)
        {
            profile.LongTermTime = r.ReadUInt32();
            MemoryMarshal.Cast<byte, float>(r.ReadBytes(dimension * sizeof(float))).CopyTo(profile.LongTerm);
            profile.HasLongTerm = true;
        }
        if ((flags & 4) != 0)
        {
            profile.NarrativeHash = r.ReadUInt64();
            profile.Narrative = MemoryMarshal.Cast<byte, Half>(r.ReadBytes(dimension * 2)).ToArray();
        }
        return profile;
    }
}
