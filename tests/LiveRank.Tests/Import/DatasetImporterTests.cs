using LiveRank.Import;
using Xunit;

namespace LiveRank.Tests.Import;

public sealed class DatasetImporterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ImportAsync_MovieLens_BatchesItemsThenEventsAndReportsProgress()
    {
        WriteMovieLens(movies: 7, ratings: 12);
        var store = new RecordingStateStore();
        var progress = new SyncProgress();

        var summary = await new DatasetImporter(store, batchSize: 5)
            .ImportAsync(new MovieLensReader(_folder.Path), progress, TestContext.Current.CancellationToken);

        Assert.Equal(7, summary.Items);
        Assert.Equal(12, summary.EventsAccepted);
        Assert.Equal(0, summary.Duplicates);
        Assert.Equal([5, 2], store.ItemBatchSizes);
        Assert.Equal([5, 5, 2], store.EventBatchSizes);
        Assert.Equal(7, store.State.ItemCount);
        Assert.Equal(19, progress.Reports[^1].Done);
        Assert.Equal(ImportPhase.Done, progress.Reports[^1].Phase);
        Assert.Equal(19, progress.Reports[0].Total);
        Assert.True(progress.Reports.Select(r => r.Done).SequenceEqual(progress.Reports.Select(r => r.Done).Order()));
    }

    [Fact]
    public async Task ImportAsync_SameFolderTwice_SecondRunIsAllDuplicates()
    {
        WriteMovieLens(movies: 3, ratings: 9);
        var store = new RecordingStateStore();
        var importer = new DatasetImporter(store);

        await importer.ImportAsync(new MovieLensReader(_folder.Path), cancellationToken: TestContext.Current.CancellationToken);
        var again = await importer.ImportAsync(new MovieLensReader(_folder.Path), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, again.EventsAccepted);
        Assert.Equal(9, again.Duplicates);
    }

    [Fact]
    public async Task ImportAsync_BadLine_StopsWithFormatException()
    {
        WriteMovieLens(movies: 2, ratings: 2);
        File.AppendAllText(Path.Combine(_folder.Path, "ratings.csv"), "1,1,x,5\n");

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() =>
            new DatasetImporter(new RecordingStateStore()).ImportAsync(new MovieLensReader(_folder.Path), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("ratings.csv line 4: rating 'x' is not a number", ex.Message);
    }

    [Fact]
    public async Task ImportAsync_Cancelled_Throws()
    {
        WriteMovieLens(movies: 2, ratings: 2);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DatasetImporter(new RecordingStateStore()).ImportAsync(new MovieLensReader(_folder.Path), cancellationToken: cts.Token));
    }

    private void WriteMovieLens(int movies, int ratings)
    {
        var m = new System.Text.StringBuilder("movieId,title,genres\n");
        for (int i = 1; i <= movies; i++) m.Append($"{i},Movie {i} (2000),Drama\n");
        _folder.Write("movies.csv", m.ToString());
        var r = new System.Text.StringBuilder("userId,movieId,rating,timestamp\n");
        for (int i = 0; i < ratings; i++) r.Append($"{1 + i / 4},{1 + i % movies},{1 + i % 5}.0,{1000 + i}\n");
        _folder.Write("ratings.csv", r.ToString());
    }
}
