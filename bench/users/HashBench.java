import io.keyward.crypto.PasswordHasher;
import java.util.Arrays;

/** Median and p99 of PasswordHasher.hash and verify, in this JVM, one thread. */
public class HashBench {
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        String stored = PasswordHasher.hash("Bench-Passw0rd");
        for (int i = 0; i < 5; i++) {
            PasswordHasher.verify("Bench-Passw0rd", PasswordHasher.hash("Bench-Passw0rd"));
        }
        double[] hash = new double[runs];
        double[] verify = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            PasswordHasher.hash("Bench-Passw0rd");
            long t1 = System.nanoTime();
            if (!PasswordHasher.verify("Bench-Passw0rd", stored)) {
                throw new IllegalStateException("verify failed");
            }
            long t2 = System.nanoTime();
            hash[i] = (t1 - t0) / 1e6;
            verify[i] = (t2 - t1) / 1e6;
        }
        print("PasswordHasher.hash (Argon2id)", hash);
        print("PasswordHasher.verify (Argon2id)", verify);
        String tts = "PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M";
        double[] pbkdf2 = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            PasswordHasher.verify("Correct-Horse-1", tts);
            pbkdf2[i] = (System.nanoTime() - t0) / 1e6;
        }
        print("PasswordHasher.verify (TTS PBKDF2 20000)", pbkdf2);
    }

    private static void print(String label, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        double p99 = s[(int) Math.ceil(s.length * 0.99) - 1];
        System.out.printf("%-44s median %8.2f ms   p99 %8.2f ms   (n=%d)%n", label, median, p99, s.length);
    }
}
