namespace LiveRank; internal static class Placeholder { }
