using System.Globalization;
using LiveRank.Server;

// Culture-independent parsing and formatting whatever LANG says (the project runs with ICU for Unicode normalisation).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var app = LiveRankApp.Build(args);
await app.RunAsync();

/// <summary>Entry point; public so that tests can host the server with WebApplicationFactory.</summary>
public partial class Program;
