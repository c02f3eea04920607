package org.captionlab.encoder;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.TfLiteDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TFLite's XNNPACK delegate with its quantized kernels, created through the C functions the TFLite native
 * library exports ({@code TfLiteXNNPackDelegateCreate}/{@code Delete}); the JavaCPP presets of TFLite 2.8 do not
 * map them, so they are called with JNA. TFLite 2.8 applies XNNPACK by itself only to float graphs; quantized
 * operators need the delegate's QS8/QU8 flags, set here.
 *
 * <p>Owns the native delegate: close it after every interpreter using it has been closed.
 */
final class XnnPackDelegate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XnnPackDelegate.class);
    /** {@code TFLITE_XNNPACK_DELEGATE_FLAG_QS8 | TFLITE_XNNPACK_DELEGATE_FLAG_QU8} in TFLite 2.8's header. */
    private static final int QUANTIZED_FLAGS = 0x1 | 0x2;
    /** {@code sizeof(TfLiteXNNPackDelegateOptions)} in TFLite 2.8: {@code int32 num_threads; uint32 flags}. */
    private static final int OPTIONS_BYTES = 8;

    private static volatile Functions functions;
    private static volatile boolean unavailable;

    private record Functions(Function create, Function delete) {
    }

    private long address;
    private final TfLiteDelegate delegate;

    private XnnPackDelegate(long address) {
        this.address = address;
        this.delegate = new TfLiteDelegate(new Pointer() {
            {
                // A view of the native delegate, not owned: JavaCPP must never free it (see close()).
                this.address = XnnPackDelegate.this.address;
            }
        });
    }

    /**
     * A single-threaded XNNPACK delegate, or null where the loaded TFLite library lacks it (then the built-in
     * kernels run; the reason is logged once).
     *
     * @param presets the JavaCPP presets class whose native library holds TFLite
     */
    static XnnPackDelegate create(Class<?> presets) {
        Functions f = functions(presets);
        if (f == null) {
            return null;
        }
        Memory options = new Memory(OPTIONS_BYTES);
        // num_threads 0: no XNNPACK thread pool; parallelism comes from one interpreter per core.
        options.setInt(0, 0);
        options.setInt(4, QUANTIZED_FLAGS);
        com.sun.jna.Pointer p = QuietStderr.run(
                () -> (com.sun.jna.Pointer) f.create().invoke(com.sun.jna.Pointer.class, new Object[] {options}));
        long address = com.sun.jna.Pointer.nativeValue(p);
        if (address == 0) {
            LOG.warn("TfLiteXNNPackDelegateCreate returned null: using TFLite's built-in kernels");
            return null;
        }
        return new XnnPackDelegate(address);
    }

    /** Loads TFLite's native library and looks up the delegate functions now (a start-up thread's head start). */
    static void preload(Class<?> presets) {
        functions(presets);
    }

    private static Functions functions(Class<?> presets) {
        if (unavailable) {
            return null;
        }
        Functions f = functions;
        if (f != null) {
            return f;
        }
        synchronized (XnnPackDelegate.class) {
            if (functions == null && !unavailable) {
                try {
                    String library = Loader.load(presets);
                    NativeLibrary lib = NativeLibrary.getInstance(library);
                    functions = new Functions(lib.getFunction("TfLiteXNNPackDelegateCreate"),
                            lib.getFunction("TfLiteXNNPackDelegateDelete"));
                } catch (RuntimeException | LinkageError e) {
                    unavailable = true;
                    LOG.warn("the XNNPACK delegate is not available ({}): using TFLite's built-in kernels", e.toString());
                    LOG.debug("XNNPACK lookup failed", e);
                }
            }
            return functions;
        }
    }

    /**
     * Runs native code with the process's stderr pointed at /dev/null: TFLite prints "INFO: Created TensorFlow Lite
     * XNNPACK delegate for CPU." straight to file descriptor 2 the first time (its 2.8 logger has no level to set),
     * which would greet every run of the command line. Only the first creation is silenced (the line is printed once
     * per process); where the C library cannot be reached, nothing is redirected.
     */
    static final class QuietStderr {
        private static final int STDERR = 2;
        private static final int O_WRONLY = 1;
        private static boolean done;

        /** The C library functions used, mapped by JNA. */
        public interface LibC extends com.sun.jna.Library {
            int dup(int fd);

            int dup2(int from, int to);

            int open(String path, int flags);

            int close(int fd);
        }

        interface Call<T> {
            T call();
        }

        private QuietStderr() {
        }

        static synchronized <T> T run(Call<T> call) {
            if (done || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return call.call();
            }
            done = true;
            LibC c;
            int saved;
            int devNull;
            try {
                c = (LibC) com.sun.jna.Native.loadLibrary("c", LibC.class);
                saved = c.dup(STDERR);
                devNull = c.open("/dev/null", O_WRONLY);
                if (saved < 0 || devNull < 0 || c.dup2(devNull, STDERR) < 0) {
                    return call.call();
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("stderr not redirected around XNNPACK's creation", e);
                return call.call();
            }
            try {
                return call.call();
            } finally {
                c.dup2(saved, STDERR);
                c.close(saved);
                c.close(devNull);
            }
        }
    }

    /** The delegate as TFLite's bindings take it. */
    TfLiteDelegate pointer() {
        return delegate;
    }

    @Override
    public void close() {
        if (address != 0) {
            functions.delete().invoke(Void.class, new Object[] {new com.sun.jna.Pointer(address)});
            address = 0;
        }
    }
}
