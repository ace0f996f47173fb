using System.ComponentModel.DataAnnotations;

namespace LiveRank.Training.Adapter;

/// <summary>Hyperparameters of <see cref="AdapterTrainer"/>. Defaults were chosen on ml-latest-small's validation split (docs/adapter.md).</summary>
public sealed class AdapterTrainingOptions
{
    /// <summary>r: length of user vectors and item codes (the bias slot included when <see cref="ItemBias"/>).</summary>
    [Range(1, 4096)]
    public int Rank { get; set; } = 64;

    /// <summary>k: most recent history items a user vector reads.</summary>
    [Range(1, 1024)]
    public int Window { get; set; } = 20;

    /// <summary>Most epochs; early stopping on validation NDCG@10 usually ends the run sooner.</summary>
    [Range(1, 10_000)]
    public int Epochs { get; set; } = 30;

    /// <summary>Examples per Adam step; the batch's positives are also each other's negatives.</summary>
    [Range(1, 1 << 16)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Adam's step size η in the first epoch (1e-3 learned too slowly on ml-latest-small; see docs/adapter.md).</summary>
    [Range(1e-7, 1.0)]
    public double LearningRate { get; set; } = 0.01;

    /// <summary>Factor on the learning rate after each epoch (1 keeps it constant): epoch e trains at η·decay^(e−1).</summary>
    [Range(0.01, 1.0)]
    public double LearningRateDecay { get; set; } = 0.8;

    [Range(0.0, 0.999999)]
    public double Beta1 { get; set; } = 0.9;

    [Range(0.0, 0.999999999)]
    public double Beta2 { get; set; } = 0.999;

    [Range(1e-12, 1.0)]
    public double Epsilon { get; set; } = 1e-8;

    /// <summary>λ of the loss term (λ/2)‖θ‖² over A, A₂, B and the item offsets.</summary>
    [Range(0.0, 10.0)]
    public double L2 { get; set; } = 1e-5;

    /// <summary>Dropout rate on the pooled history vector (and the last item's vector) during training.</summary>
    [Range(0.0, 0.9)]
    public double InputDropout { get; set; } = 0.1;

    /// <summary>Sampled negatives per batch, shared by all its examples (on top of the in-batch positives).</summary>
    [Range(0, 1 << 16)]
    public int Negatives { get; set; } = 256;

    public AdapterNegativeSampling NegativeSampling { get; set; } = AdapterNegativeSampling.Popularity;

    /// <summary>Whether the other examples' positives of a batch are negatives too.</summary>
    public bool InBatchNegatives { get; set; } = true;

    /// <summary>
    /// Whether each candidate's logit is corrected by −log of its expected count among the batch's candidates
    /// (sampled softmax without the correction learns to push popular items down, which full ranking punishes).
    /// </summary>
    public bool LogQCorrection { get; set; } = true;

    /// <summary>Epochs without a better validation NDCG@10 before training stops.</summary>
    [Range(1, 10_000)]
    public int Patience { get; set; } = 3;

    public int Seed { get; set; } = 1;

    /// <summary>Whether items seen in training learn an offset o_i on top of their projected LM vector.</summary>
    public bool UseOffsets { get; set; } = true;

    /// <summary>Whether the last slot of the item code is a bias shared by all users (needs <see cref="Rank"/> ≥ 2).</summary>
    public bool ItemBias { get; set; } = true;

    /// <summary>Whether the most recent item's vector gets its own projection A₂ besides the attention pool (off: it
    /// learned slower and validated worse than the position bias of the pool alone).</summary>
    public bool LastItemTerm { get; set; }

    /// <summary>Most threads a batch is spread over. The result does not depend on it: batches are cut into fixed shards.</summary>
    [Range(1, 1024)]
    public int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    /// <summary>A copy with another seed (every other option kept).</summary>
    public AdapterTrainingOptions WithSeed(int seed)
    {
        var copy = (AdapterTrainingOptions)MemberwiseClone();
        copy.Seed = seed;
        return copy;
    }

    public void Validate()
    {
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), problems, validateAllProperties: true))
            throw new ArgumentException($"{problems[0].MemberNames.FirstOrDefault()}: {problems[0].ErrorMessage}");
        if (ItemBias && Rank < 2) throw new ArgumentException($"{nameof(Rank)}: an item bias takes a slot of its own, so the rank must be at least 2.");
        if (!Enum.IsDefined(NegativeSampling)) throw new ArgumentException($"{nameof(NegativeSampling)}: {NegativeSampling} is not a sampling.");
        if (!InBatchNegatives && Negatives == 0) throw new ArgumentException($"{nameof(Negatives)}: without in-batch negatives there must be sampled ones.");
    }
}
