namespace LiveRank.Text.Encoders;

/// <summary>How a sentence encoder turns the model's token states into one vector (before L2 normalisation).</summary>
public enum Pooling
{
    /// <summary>Mean of the token states under the attention mask ([CLS] and [SEP] included), as sentence-transformers' <c>pooling_mode_mean_tokens</c>.</summary>
    Mean,

    /// <summary>The state of the first token ([CLS]), as sentence-transformers' <c>pooling_mode_cls_token</c>.</summary>
    Cls,
}
