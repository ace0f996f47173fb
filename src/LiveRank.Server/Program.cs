using LiveRank.Server;

var app = LiveRankApp.Build(args);
await app.RunAsync();

/// <summary>Entry point; public so that tests can host the server with WebApplicationFactory.</summary>
public partial class Program;
