namespace LiveRank.Testing; internal static class Placeholder { }
