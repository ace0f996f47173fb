using LiveRank.Scoring.Models;
using LiveRank.Training.Models;

namespace LiveRank.Training.Tests.Models;

public class RankingModelFileTests : IClassFixture<RankingModelFileTests.TrainedModel>
{
    private readonly TrainedModel _trained;

    public RankingModelFileTests(TrainedModel trained) => _trained = trained;

    public sealed class TrainedModel
    {
        public TrainedModel()
        {
            Log = SyntheticLog.Create(users: 60);
            Model = ModelTrainer.Train(Log, SyntheticLog.FastOptions(), cancellationToken: TestContext.Current.CancellationToken).Model;
            using var stream = new MemoryStream();
            Model.Write(stream);
            Bytes = stream.ToArray();
        }

        public TrainingLog Log { get; }
        public RankingModel Model { get; }
        public byte[] Bytes { get; }
    }

    [Fact]
    public void WriteRead_RoundTrip_ScoresIdentically()
    {
        var read = RankingModel.Read(new MemoryStream(_trained.Bytes));
        Assert.Equal(_trained.Model.Metadata.Label, read.Metadata.Label);
        Assert.Equal(_trained.Model.ItemIds, read.ItemIds);
        Assert.Equal(ModelTrainerTests.ScoresOf(_trained.Model, _trained.Log), ModelTrainerTests.ScoresOf(read, _trained.Log));
    }

    [Fact]
    public void Read_EveryTruncation_IsRefused()
    {
        // Cut at a spread of lengths, including inside the header.
        foreach (int length in new[] { 0, 4, 8, 12, 20, 24, _trained.Bytes.Length / 3, _trained.Bytes.Length - 1 })
        {
            var error = Assert.Throws<ModelFormatException>(() => RankingModel.Read(new MemoryStream(_trained.Bytes[..length])));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }

    [Fact]
    public void Read_FlippedPayloadByte_FailsTheChecksum()
    {
        var bytes = (byte[])_trained.Bytes.Clone();
        bytes[bytes.Length / 2] ^= 0x40;
        var error = Assert.Throws<ModelFormatException>(() => RankingModel.Read(new MemoryStream(bytes)));
        Assert.Contains("checksum", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Read_NotAModel_SaysSo()
    {
        var error = Assert.Throws<ModelFormatException>(() => RankingModel.Read(new MemoryStream("{\"not\": \"a model\"}"u8.ToArray())));
        Assert.Contains("Not a LiveRank model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OtherFormatVersion_IsRefused()
    {
        var bytes = (byte[])_trained.Bytes.Clone();
        BitConverter.GetBytes(RankingModel.FormatVersion + 1).CopyTo(bytes, 8);
        var error = Assert.Throws<ModelFormatException>(() => RankingModel.Read(new MemoryStream(bytes)));
        Assert.Contains("version", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Save_WritesAtomicallyAndLoads()
    {
        string directory = Directory.CreateTempSubdirectory("liverank-model-").FullName;
        try
        {
            string path = Path.Combine(directory, _trained.Model.Metadata.Label + RankingModel.FileExtension);
            _trained.Model.Save(path);
            Assert.False(File.Exists(path + ".tmp"));
            Assert.Equal(_trained.Model.Metadata.Label, RankingModel.Load(path).Metadata.Label);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
