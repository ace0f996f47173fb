using LiveRank.Scoring.Models;

namespace LiveRank.Scoring.Trees;

public sealed partial class TreeEnsemble
{
    /// <summary>"LRTE" read as a little-endian uint: tells a tree section from anything else at this offset.</summary>
    public const uint FormatMagic = 0x4554524C;

    /// <summary>Version of the section <see cref="Write"/> produces; <see cref="Read"/> accepts only this one.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// Writes this ensemble's section of a model file. The layout (all little-endian) is part of the model file format
    /// and must only change with <see cref="FormatVersion"/>: magic (u32), version (i32), feature count (i32), tree
    /// count (i32), bias (f64), then per tree: split count n (i32), n split features (i32), n thresholds (f32), n left
    /// children (i32), n right children (i32), n + 1 leaf values (f64), n + 1 leaf weights (f64).
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatMagic);
        writer.Write(FormatVersion);
        writer.Write(FeatureCount);
        writer.Write(TreeCount);
        writer.Write(Bias);
        for (int t = 0; t < TreeCount; t++)
        {
            int first = _nodeOffsets[t], nodes = _nodeOffsets[t + 1] - first, firstLeaf = first + t;
            writer.Write(nodes);
            for (int i = 0; i < nodes; i++) writer.Write(_splitFeatures[first + i]);
            for (int i = 0; i < nodes; i++) writer.Write(_thresholds[first + i]);
            for (int i = 0; i < nodes; i++) writer.Write(_leftChildren[first + i]);
            for (int i = 0; i < nodes; i++) writer.Write(_rightChildren[first + i]);
            for (int j = 0; j <= nodes; j++) writer.Write(_leafValues[firstLeaf + j]);
            for (int j = 0; j <= nodes; j++) writer.Write(_leafWeights[firstLeaf + j]);
        }
    }

    /// <summary>Reads a section written by <see cref="Write"/>, checking every count, index and value.</summary>
    /// <exception cref="ModelFormatException">Wrong magic or version, a count out of range, a tree that is not a proper
    /// tree over the feature count (see <see cref="TreeEnsembleBuilder.AddTree"/>), a non-finite value, or a truncated
    /// stream.</exception>
    public static TreeEnsemble Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            uint magic = reader.ReadUInt32();
            if (magic != FormatMagic) throw new ModelFormatException($"Not a tree ensemble section (magic 0x{magic:X8}).");
            int version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new ModelFormatException($"Tree ensemble format version {version}; this build reads version {FormatVersion}.");
            int featureCount = reader.ReadInt32();
            if (featureCount < 1 || featureCount > MaxFeatureCount)
                throw new ModelFormatException($"Feature count {featureCount} outside [1, {MaxFeatureCount}].");
            int treeCount = reader.ReadInt32();
            if (treeCount < 0 || treeCount > MaxTreeCount)
                throw new ModelFormatException($"Tree count {treeCount} outside [0, {MaxTreeCount}].");
            double bias = reader.ReadDouble();
            if (!double.IsFinite(bias)) throw new ModelFormatException($"Bias {bias} is not finite.");

            var builder = new TreeEnsembleBuilder(featureCount) { Bias = bias };
            for (int t = 0; t < treeCount; t++)
            {
                int nodes = reader.ReadInt32();
                // Checked before allocating, so a corrupt count cannot ask for gigabytes.
                if (nodes < 1 || nodes >= MaxLeavesPerTree)
                    throw new ModelFormatException($"Tree {t}: {nodes} splits, outside [1, {MaxLeavesPerTree - 1}].");
                var features = new int[nodes];
                var thresholds = new float[nodes];
                var left = new int[nodes];
                var right = new int[nodes];
                var values = new double[nodes + 1];
                var weights = new double[nodes + 1];
                for (int i = 0; i < nodes; i++) features[i] = reader.ReadInt32();
                for (int i = 0; i < nodes; i++) thresholds[i] = reader.ReadSingle();
                for (int i = 0; i < nodes; i++) left[i] = reader.ReadInt32();
                for (int i = 0; i < nodes; i++) right[i] = reader.ReadInt32();
                for (int j = 0; j <= nodes; j++) values[j] = reader.ReadDouble();
                for (int j = 0; j <= nodes; j++) weights[j] = reader.ReadDouble();
                string? error = builder.TryAddTree(features, thresholds, left, right, values, weights);
                if (error is not null) throw new ModelFormatException($"Tree {t}: {error}.");
            }
            return builder.Build();
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFormatException("The tree ensemble section is truncated.", e);
        }
    }
}
