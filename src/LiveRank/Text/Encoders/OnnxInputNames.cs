namespace LiveRank.Text.Encoders;

/// <summary>
/// Names of the inputs an ONNX sentence encoder is fed. The defaults are those of Hugging Face BERT exports; other
/// exports rename them, and some have no token type input at all.
/// </summary>
public sealed class OnnxInputNames
{
    /// <summary>Token ids, int64 [batch, tokens].</summary>
    public string InputIds { get; set; } = "input_ids";

    /// <summary>1 for real tokens, 0 for padding, int64 [batch, tokens].</summary>
    public string AttentionMask { get; set; } = "attention_mask";

    /// <summary>
    /// Segment ids (all zeros for one sentence), int64 [batch, tokens]; fed only when the model has an input of this
    /// name, so exports without it need no setting. Empty never feeds it.
    /// </summary>
    public string? TokenTypeIds { get; set; } = "token_type_ids";

    /// <inheritdoc />
    public override string ToString() => $"input ids '{InputIds}', attention mask '{AttentionMask}', token type ids '{TokenTypeIds}'";
}
