using System.ComponentModel.DataAnnotations;

namespace LiveRank.Text;

/// <summary>How long a behaviour narrative may grow. Section <c>LiveRank:Text:Narrative</c>.</summary>
public sealed class NarrativeOptions
{
    /// <summary>
    /// Most tokens of the narrative, [CLS] and [SEP] included, as the renderer's token counter counts them. The default
    /// fits the 128-token sequences all-MiniLM-L6-v2 was trained on.
    /// </summary>
    [Range(8, 4096)]
    public int MaxTokens { get; set; } = 128;

    /// <summary>Most recent events looked at (newest first), before merging repeats and before the token cap.</summary>
    [Range(1, 1000)]
    public int MaxEvents { get; set; } = 50;

    /// <summary>Mark the current session apart from earlier ones ("This session: …. Earlier: …") when both appear.</summary>
    public bool MarkSessions { get; set; } = true;
}
