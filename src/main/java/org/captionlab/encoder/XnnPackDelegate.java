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
        com.sun.jna.Pointer p = (com.sun.jna.Pointer) f.create().invoke(com.sun.jna.Pointer.class, new Object[] {options});
        long address = com.sun.jna.Pointer.nativeValue(p);
        if (address == 0) {
            LOG.warn("TfLiteXNNPackDelegateCreate returned null: using TFLite's built-in kernels");
            return null;
        }
        return new XnnPackDelegate(address);
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
