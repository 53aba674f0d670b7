namespace MtlSharp.Solvers;

/// <summary>Small dense float64 helpers for [K, K] Gramians.</summary>
internal static class DenseMath
{
    /// <summary>Returns M x for a square M.</summary>
    public static double[] Multiply(double[,] matrix, double[] vector)
    {
        int n = vector.Length;
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                sum += matrix[i, j] * vector[j];
            }

            result[i] = sum;
        }

        return result;
    }

    /// <summary>Returns xᵀ y.</summary>
    public static double Dot(double[] x, double[] y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    /// <summary>Returns xᵀ M x.</summary>
    public static double Quadratic(double[,] matrix, double[] vector) => Dot(vector, Multiply(matrix, vector));

    /// <summary>
    /// Solves A x = b for a symmetric positive definite A by Cholesky factorization. Returns false when a
    /// pivot is not positive, which means A is not positive definite in float64.
    /// </summary>
    public static bool TrySolvePositiveDefinite(double[,] a, double[] b, out double[] x)
    {
        int n = b.Length;
        var lower = new double[n, n];
        x = new double[n];
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j, j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= lower[j, k] * lower[j, k];
            }

            if (!(diagonal > 0) || !double.IsFinite(diagonal))
            {
                return false;
            }

            lower[j, j] = Math.Sqrt(diagonal);
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= lower[i, k] * lower[j, k];
                }

                lower[i, j] = sum / lower[j, j];
            }
        }

        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= lower[i, k] * y[k];
            }

            y[i] = sum / lower[i, i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= lower[k, i] * x[k];
            }

            x[i] = sum / lower[i, i];
        }

        return true;
    }

    /// <summary>Euclidean projection of <paramref name="point"/> onto the probability simplex (sort-based, exact).</summary>
    public static double[] ProjectOntoSimplex(double[] point)
    {
        int n = point.Length;
        var sorted = (double[])point.Clone();
        Array.Sort(sorted);
        Array.Reverse(sorted);

        double cumulative = 0;
        double threshold = (point.Sum() - 1) / n;
        for (int i = 0; i < n; i++)
        {
            cumulative += sorted[i];
            double candidate = (cumulative - 1) / (i + 1);
            if (i == n - 1 || sorted[i + 1] <= candidate)
            {
                threshold = candidate;
                break;
            }
        }

        var projected = new double[n];
        for (int i = 0; i < n; i++)
        {
            projected[i] = Math.Max(point[i] - threshold, 0);
        }

        return projected;
    }

    /// <summary>Checks that <paramref name="matrix"/> is square, non-empty and finite, and returns its size.</summary>
    public static int CheckGramian(double[,] matrix, string name)
    {
        int n = matrix.GetLength(0);
        if (n == 0 || matrix.GetLength(1) != n)
        {
            throw new ArgumentException($"The Gramian must be square and non-empty; its shape is [{matrix.GetLength(0)}, {matrix.GetLength(1)}].", name);
        }

        foreach (double value in matrix)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"The Gramian contains a non-finite value ({value}); check the Jacobian for NaN or infinity.", name);
            }
        }

        return n;
    }
}
