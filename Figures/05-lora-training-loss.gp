# Reading: training loss on the answers (seed 1)
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 05-lora-training-loss.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '05-lora-training-loss.png'
set termoption noenhanced
set title 'Reading: training loss on the answers (seed 1)' font ',15'
set xlabel 'step'
set ylabel 'cross-entropy (nats, log scale)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set logscale y
set autoscale yfix
set format y '%g'
set mytics 10
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set ytics (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10)
plot '05-lora-training-loss.dat' index 0 using 1:2 with lines lt 1 title 'full fine-tuning', \
     '05-lora-training-loss.dat' index 1 using 1:2 with lines lt 2 title 'LoRA r = 8 (q,k,v,o)'
