using LiveRank.State;

namespace LiveRank.Scoring.Models;

/// <summary>
/// Loads <c>*.lrmodel</c> files for the server. Besides the file's own checks, a model whose LM features were trained
/// with another encoder than the server runs is refused: its adapter would read vectors from a different space.
/// </summary>
public sealed class LearnedModelLoader : IRankingModelLoader
{
    public string FilePattern => "*" + RankingModel.FileExtension;

    public IRanker Load(string path, LiveState state)
    {
        var model = RankingModel.Load(path);
        string encoder = model.Metadata.EncoderModel;
        if (encoder.Length > 0)
        {
            if (state.Semantic is not { } semantic)
                throw new ModelFormatException($"Model {model.Metadata.Label} reads language-model features ({encoder}) but this server runs without the language model.");
            if (!string.Equals(semantic.ModelId, encoder, StringComparison.Ordinal) || semantic.Dimension != model.Metadata.Dimension)
                throw new ModelFormatException($"Model {model.Metadata.Label} was trained with encoder '{encoder}' ({model.Metadata.Dimension}-d); this server runs '{semantic.ModelId}' ({semantic.Dimension}-d).");
        }
        return new LearnedRanker(state, model);
    }
}
