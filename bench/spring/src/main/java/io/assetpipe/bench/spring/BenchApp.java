package io.assetpipe.bench.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Nothing of its own: auto-configuration and the command line's properties decide what it serves. */
@SpringBootApplication
public class BenchApp {
    public static void main(String[] args) {
        SpringApplication.run(BenchApp.class, args);
    }
}
