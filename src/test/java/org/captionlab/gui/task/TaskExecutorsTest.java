package org.captionlab.gui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskExecutorsTest {

    @Test
    void directExecutorRunsChainedTasksInOrderWithoutGrowingTheStack() {
        DirectTaskExecutor executor = new DirectTaskExecutor();
        List<Integer> done = new ArrayList<>();
        int n = 100_000; // a recursive executor would overflow the stack long before this
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            int i = done.size();
            executor.execute(BackgroundTask.of("t" + i, () -> i).onSucceeded(r -> {
                done.add(r);
                if (done.size() < n) {
                    next[0].run();
                }
            }));
        };
        next[0].run();
        assertThat(done).hasSize(n);
        assertThat(done.get(n - 1)).isEqualTo(n - 1);
    }

    @Test
    void directExecutorFinishesATasksCallbacksBeforeTheNextTaskStarts() {
        DirectTaskExecutor executor = new DirectTaskExecutor();
        List<String> log = new ArrayList<>();
        executor.execute(BackgroundTask.of("outer", () -> {
            log.add("outer work");
            return 1;
        }).onSucceeded(r -> {
            executor.execute(BackgroundTask.of("inner", () -> {
                log.add("inner work");
                return 2;
            }).onSucceeded(x -> log.add("inner done")));
            log.add("outer done");
        }));
        assertThat(log).containsExactly("outer work", "outer done", "inner work", "inner done");
    }

    @Test
    void failuresOfAnyKindReachTheFailureCallback() {
        DirectTaskExecutor executor = new DirectTaskExecutor();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        executor.execute(BackgroundTask.of("broken", () -> {
            throw new UnsatisfiedLinkError("no libtensorflowlite_jni in java.library.path");
        }).onSucceeded(r -> seen.set(null)).onFailed(seen::set));
        assertThat(seen.get()).isInstanceOf(UnsatisfiedLinkError.class);
    }

    @Test
    void pooledExecutorRunsWorkOffTheUiThreadAndCallbacksOnIt() throws InterruptedException {
        ExecutorService uiThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-ui"));
        try (PooledTaskExecutor executor = new PooledTaskExecutor(2, uiThread)) {
            AtomicReference<String> workThread = new AtomicReference<>();
            AtomicReference<String> callbackThread = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            executor.execute(BackgroundTask.of("work", () -> {
                workThread.set(Thread.currentThread().getName());
                return 42;
            }).onSucceeded(r -> {
                callbackThread.set(Thread.currentThread().getName());
                done.countDown();
            }));
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(workThread.get()).startsWith("captionlab-worker-");
            assertThat(callbackThread.get()).isEqualTo("fake-ui");
        } finally {
            uiThread.shutdownNow();
        }
    }
}
